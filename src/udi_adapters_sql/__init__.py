"""SQL store adapter (SQLAlchemy 2): SQLite and PostgreSQL."""
