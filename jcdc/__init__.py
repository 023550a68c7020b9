"""jcdc — 晋城督查: the ledger of Jincheng's government supervision office."""

__version__ = "0.1.0"
