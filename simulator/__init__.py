"""council-sim: a terminal teaching simulator for votes of the UN Security Council."""

__version__ = "0.1.0"
