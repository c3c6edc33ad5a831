"""Built-in adapters: the in-memory store, mock DUF, mock WebSak (Noark 5) and clocks."""
