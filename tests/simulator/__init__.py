"""Carbonio simulator: a test double that speaks Carbonio's admin SOAP (JSON form) over HTTPS.

State lives in a real OpenLDAP slapd loaded with Carbonio's schema; see README.md.
"""
