"""The node's way to the directory: the simulator's admin SOAP API (Carbonio's node commands use LDAP or zmprov;
the effect on the directory is the same)."""

import json
import ssl
import urllib.request


class AdminApi:
    def __init__(self, settings):
        self.url = settings['url']
        self.user, self.password = settings['admin_user'], settings['admin_password']
        self.context = ssl.create_default_context(cafile=settings['ca_path'])
        self.token = None

    def _post(self, envelope):
        request = urllib.request.Request(self.url, data=json.dumps(envelope).encode(), method='POST',
                                         headers={'Content-Type': 'application/json'})
        with urllib.request.urlopen(request, context=self.context, timeout=60) as answer:
            return json.loads(answer.read())['Body']

    def call(self, name, body=None):
        if self.token is None:
            auth = self._post({'Body': {'AuthRequest': {'_jsns': 'urn:zimbraAdmin', 'name': self.user, 'password': self.password}}})
            self.token = auth['AuthResponse']['authToken'][0]['_content']
        answer = self._post({'Header': {'context': {'_jsns': 'urn:zimbra', 'authToken': {'_content': self.token}}},
                             'Body': {name: dict(body or {}, _jsns='urn:zimbraAdmin')}})
        if 'Fault' in answer:
            raise RuntimeError('%s: %s' % (name, answer['Fault']))
        return answer[name.replace('Request', 'Response')]


def attrs(element):
    """{name: [values]} of an answer's `a` list."""
    found = {}
    for pair in element.get('a', []):
        found.setdefault(pair['n'], []).append(pair.get('_content', ''))
    return found
