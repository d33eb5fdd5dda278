"""Alembic migrations of the register, shipped inside the package and run at every open."""
