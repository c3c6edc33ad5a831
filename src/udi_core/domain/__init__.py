"""The pure, typed core: rules, aggregates, value objects. No I/O, no frameworks."""
