"""The shared kernel: identifiers, organisation, rules, errors, events, obligations."""
