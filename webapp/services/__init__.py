"""Services: what the views and commands do, as functions that take the database session."""
