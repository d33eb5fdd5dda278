"""Composition root: arguments to the command line or the window."""
def main() -> int:
    return 0
