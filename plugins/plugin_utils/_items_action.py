# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""PRIVATE to the collection: the action plugin of every module with a list of objects (``<bulk_key>_src``).

The file is found as ``copy`` and ``template`` find theirs, read through the loader (a vault-encrypted file is
decrypted), parsed by ``_items_src``, and its items handed to the module as ``<bulk_key>``; the module's problems
come back said by file, line and column. Without ``<bulk_key>_src`` the task goes to the module unchanged.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.errors import AnsibleError
from ansible.plugins.action import ActionBase
from ansible.utils.vars import merge_hash

from ansible_collections.carbonio.admin.plugins.plugin_utils._items_src import Columns, SourceError, read_items, say_back_result


class ItemsSourceAction(ActionBase):
    """The action plugin of a module with a list of objects: ``<bulk_key>_src`` read here, on the controller; without
    it the task goes to the module unchanged. Subclasses set OBJECT_TYPE."""

    OBJECT_TYPE = None
    _supports_check_mode = True
    _supports_async = True
    _columns = None

    @classmethod
    def columns(cls):
        if cls._columns is None or cls._columns.type is not cls.OBJECT_TYPE:
            cls._columns = Columns(cls.OBJECT_TYPE)
        return cls._columns

    def run(self, tmp=None, task_vars=None):
        result = super(ItemsSourceAction, self).run(tmp, task_vars)
        del tmp  # tmp no longer has any effect
        key = self.OBJECT_TYPE.bulk_key
        option = key + '_src'
        args = dict(self._task.args)
        given = args.pop(option, None)
        origin = None
        if given is not None:
            try:
                args[key], origin = self._read(given, args)
            except SourceError as exc:
                result.update(failed=True, changed=False, msg=str(exc))
                return result
        wrap_async = self._task.async_val and not self._connection.has_native_async
        answer = self._execute_module(module_args=args, task_vars=task_vars, wrap_async=wrap_async)
        if origin is not None:
            answer = say_back_result(origin, answer, given)
        result = merge_hash(result, answer)
        if not wrap_async:
            self._remove_tmp_path(self._connection._shell.tmpdir)
        return result

    def _read(self, given, args):
        key = self.OBJECT_TYPE.bulk_key
        option = key + '_src'
        if not isinstance(given, str) or not given.strip():
            raise SourceError('%s: expected the path of a .csv, .yml, .yaml or .json file' % option)
        for other in ('name', key):
            if args.get(other) is not None:
                raise SourceError('%s: mutually exclusive with %s; give the items in one place' % (option, other))
        try:
            path = self._find_needle('files', given)
        except AnsibleError as exc:
            raise SourceError('%s: %s: no such file (looked in the files/ folders of the role and the playbook, '
                              'and beside them): %s' % (option, given, exc.message))
        try:
            real = self._loader.get_real_file(path, decrypt=True)
        except AnsibleError as exc:
            raise SourceError('%s: %s: cannot read it: %s' % (option, given, exc.message))
        try:
            with open(real, 'rb') as handle:
                data = handle.read()
        except (IOError, OSError) as exc:
            raise SourceError('%s: %s: cannot read it (%s)' % (option, given, exc.strerror or exc))
        finally:
            self._loader.cleanup_tmp_file(real)
        return read_items(data, given, self.columns())
