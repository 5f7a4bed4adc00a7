"""The rules of the SEND system, as pure Python.

This package imports no Django and no Tellonce app (an import-linter contract checks it): dates
and values in, frozen values out. "Today" and the bank-holiday calendar are always passed in.
"""
