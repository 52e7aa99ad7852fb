# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: the requests only accounts use (their password, their sessions)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.carbonio.admin.plugins.module_utils._directory_requests import Write, elements, response_items
from ansible_collections.carbonio.admin.plugins.module_utils._soap_client import CarbonioFault


def password_write(label, object_id, password, modified_before, answer):
    """SetPasswordRequest. A global admin's password is set even when it breaks the policy: the answer's
    ``message`` then says which rule (never the password). Settled by zimbraPasswordModifiedTime having moved."""
    def message(response):
        text = response.get('message')
        text = text[0] if isinstance(text, list) and text else text
        text = text.get('_content') if isinstance(text, dict) else text
        if text:
            answer(text)
    return Write(label, 'SetPasswordRequest', {'id': object_id, 'newPassword': password},
                 lambda found: bool(found) and found['attrs'].get('zimbraPasswordModifiedTime') != modified_before, answer=message)


SESSION_TYPES = ('soap', 'imap', 'admin')


# EndSession for a session already gone (ended meanwhile, or by a first copy whose answer was lost).
SESSION_GONE = 'Failed to find session'


def sessions_requests():
    """GetSessionsRequest for every session type: they list all sessions of the server, the caller filters."""
    return [('GetSessionsRequest', {'type': kind, 'refresh': 1}) for kind in SESSION_TYPES]


def sessions_of(items, account_name):
    """The account's sessions in the GetSessions answers: [{type, id, created, last_access}] (epoch ms)."""
    found = []
    for kind, item in zip(SESSION_TYPES, items):
        for session in elements(response_items(item), 's'):
            if str(session.get('name', '')).lower() == account_name.lower():
                found.append(dict(type=kind, id=session.get('sid'), created=session.get('cd'), last_access=session.get('ld')))
    return found


def end_sessions_write(label, account_id, sessions):
    """Ends the sessions the way the Admin Panel does: a delegated token for the user, then EndSession with it."""
    def perform(client):
        reply = client.soap('DelegateAuthRequest', {'account': {'by': 'id', '_content': account_id}, 'duration': 300})
        token = elements(reply, 'authToken')[0]
        token = token.get('_content') if isinstance(token, dict) else token
        for session in sessions:
            try:
                # ending a session twice cannot undo anything, so a lost answer may be repeated
                client.soap_as(token, 'EndSessionRequest', {'sessionId': session['id']}, namespace='urn:zimbraAccount')
            except CarbonioFault as fault:
                if SESSION_GONE not in fault.message:
                    raise
        return True
    return Write(label, 'EndSessionRequest', {'id': account_id}, lambda found: True, perform=perform)
