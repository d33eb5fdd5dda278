"""privdesk: the data protection officer's desk."""

__version__ = "0.1.0"
