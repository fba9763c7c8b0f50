"""SQLAlchemy rows, repositories, unit of work and migrations. ORM rows never leave here."""
