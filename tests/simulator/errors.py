"""ServiceFault: a Carbonio fault (error code + reason text) raised by handlers and encoded by the wire codec."""

# Codes Carbonio reports as server-side (soap:Receiver) faults; everything else is the sender's fault.
_RECEIVER_CODES = {'service.FAILURE', 'service.TEMPORARILY_UNAVAILABLE', 'account.MAINTENANCE_MODE'}


class ServiceFault(Exception):
    """A fault as Carbonio's ServiceException carries it: code, full reason text, optional exposed arguments."""

    def __init__(self, code, message, args=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.fault_args = args or []

    @property
    def receiver(self):
        return self.code in _RECEIVER_CODES


def invalid_request(message):
    return ServiceFault('service.INVALID_REQUEST', f'invalid request: {message}')


def failure(message):
    return ServiceFault('service.FAILURE', f'system failure: {message}')


def perm_denied(message):
    return ServiceFault('service.PERM_DENIED', f'permission denied: {message}')


def invalid_attr_value(message):
    return ServiceFault('account.INVALID_ATTR_VALUE', message)


def no_such_domain(name):
    return ServiceFault('account.NO_SUCH_DOMAIN', f'no such domain: {name}')


def no_such_account(key):
    return ServiceFault('account.NO_SUCH_ACCOUNT', f'no such account: {key}')


def auth_expired(reason=None):
    return ServiceFault('service.AUTH_EXPIRED', 'auth credentials have expired' + (f': {reason}' if reason else ''))
