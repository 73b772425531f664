"""The report's analysis: pure functions from tables to tidy frames and values.

:mod:`.facts` defines each shared fact once (the latest valuation, a stake at a date, funding as
of a date, the Azure commitment...), returning the value with the data rows it rests on. Each
chapter has a module of its own (``deal``, ``restructuring``, ``microsoft``, ``compute``,
``audit``, ``since``, ``summary``) that notebooks call in short cells.
"""
