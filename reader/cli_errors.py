"""The one exception a command raises for a user mistake: printed as one line, exit 1."""


class CommandError(Exception):
    pass
