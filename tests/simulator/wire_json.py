"""Zimbra SOAP in its JSON form: decode an envelope into Elements, encode responses and faults.

The only module that knows the JSON layout (soap.txt "Request and Response Formats"); a SOAP XML codec
would sit beside it with the same three functions.
"""

import json
import threading

from .elements import Element
from .errors import ServiceFault

NS_SOAP = 'urn:zimbraSoap'
NS_ZIMBRA = 'urn:zimbra'


def _decode(name, value):
    if isinstance(value, dict):
        node = Element(name, ns=value.get('_jsns'))
        for key, item in value.items():
            if key == '_jsns':
                continue
            if key == '_content':
                node.text = item if isinstance(item, str) else json.dumps(item) if isinstance(item, (dict, list)) else str(item)
            elif key == '_attrs' and isinstance(item, dict):
                # compact attribute form: {"_attrs": {"n": "v" | ["v1", "v2"]}} is the same as a list of <a n>
                for attr_name, attr_value in item.items():
                    for single in attr_value if isinstance(attr_value, list) else [attr_value]:
                        node.add('a', {'n': attr_name}, text=str(single))
            elif isinstance(item, list):
                for entry in item:
                    node.children.append(_decode(key, entry))
            elif isinstance(item, dict):
                node.children.append(_decode(key, item))
            else:
                node.attrs[key] = item
        return node
    return Element(name, text=None if value is None else str(value).lower() if isinstance(value, bool) else str(value))


def decode_envelope(body):
    """Return (context Element or None, body Element). Raises ServiceFault on a malformed envelope."""
    try:
        data = json.loads(body.decode('utf-8') if isinstance(body, bytes) else body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ServiceFault('service.PARSE_ERROR', f'parse error: {exc}') from exc
    if not isinstance(data, dict) or not isinstance(data.get('Body'), dict) or not data['Body']:
        raise ServiceFault('service.PARSE_ERROR', 'parse error: no SOAP body')
    name, content = next(iter(data['Body'].items()))
    header = data.get('Header')
    context = None
    if isinstance(header, dict) and isinstance(header.get('context'), dict):
        context = _decode('context', header['context'])
    return context, _decode(name, content if isinstance(content, dict) else {})


def _encode(node):
    out = dict(node.attrs)
    if not node.children:  # most elements: an <a n> value
        if node.text is not None:
            out['_content'] = node.text
        if node.ns:
            out['_jsns'] = node.ns
        return out
    groups = {}
    for child in node.children:
        groups.setdefault(child.name, []).append(child)
    for key, items in groups.items():
        if len(items) == 1 and items[0].unique:
            out[key] = _encode(items[0])
        else:
            out[key] = [_encode(item) for item in items]
    if node.text is not None:
        out['_content'] = node.text
    if node.ns:
        out['_jsns'] = node.ns
    return out


def fault_element(fault):
    """The Fault element of a ServiceFault (also used for per-item faults inside a BatchResponse)."""
    node = Element('Fault')
    node.add('Code', unique=True).attrs['Value'] = 'soap:Receiver' if fault.receiver else 'soap:Sender'
    node.add('Reason', unique=True).attrs['Text'] = fault.message
    error = node.add('Detail', unique=True).add('Error', ns=NS_ZIMBRA, unique=True)
    error.attrs['Code'] = fault.code
    error.attrs['Trace'] = f'sim-{threading.current_thread().name}'
    for arg_name, arg_type, arg_value in fault.fault_args:
        error.add('a', {'n': arg_name, 't': arg_type}, text=arg_value)
    return node


def encode_response(body, context_extra=None):
    """Envelope text for a response body Element (a Fault element gives the fault envelope)."""
    context = {'_jsns': NS_ZIMBRA}
    context.update(context_extra or {})
    # a tree just built, without cycles: the encoder need not check for them (the same text, sooner)
    envelope = {'Header': {'context': context}, 'Body': {body.name: _encode(body)}, '_jsns': NS_SOAP}
    return json.dumps(envelope, check_circular=False).encode('utf-8')


def encode_fault(fault):
    """Fault envelope: {"Body": {"Fault": {...}}, "_jsns": "urn:zimbraSoap"} (SoapJSProtocol.soapFault)."""
    return json.dumps({'Body': {'Fault': _encode(fault_element(fault))}, '_jsns': NS_SOAP}).encode('utf-8')
