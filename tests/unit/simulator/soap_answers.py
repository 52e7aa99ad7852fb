"""Reading the simulator's raw SOAP answers in its black-box tests: one place, not one copy per test file."""

from __future__ import annotations


def ok(answer):
    """The Body of a successful (status, body) answer."""
    status, body = answer
    assert status == 200, body
    return body['Body']


def fault(answer):
    """(code, reason) of a fault answer."""
    status, body = answer
    assert status == 500, body
    return body['Body']['Fault']['Detail']['Error']['Code'], body['Body']['Fault']['Reason']['Text']


def fault_code(answer):
    return fault(answer)[0]


def attrs_of(entry):
    """{name: [values]} of an entry's `a` list."""
    found = {}
    for attr in entry.get('a', []):
        found.setdefault(attr['n'], []).append(attr['_content'])
    return found
