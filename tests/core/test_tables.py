"""django-tables2's per-cell signature reading, done once per function."""

from django_tables2 import utils as tables_utils

from sendtracker.core import tables


class Renderer:
    def render_name(self, value, record):
        return value


def test_a_bound_methods_signature_is_its_functions_without_self():
    assert tables_utils.signature is tables._signature_read_once
    assert tables_utils.signature(Renderer().render_name) == (("value", "record"), None)
    assert tables._signature(Renderer().render_name) == (("value", "record"), None)


def test_a_signature_is_read_once_per_function(monkeypatch):
    calls, original = [], tables._signature

    def counting(fn):
        calls.append(fn)
        return original(fn)

    monkeypatch.setattr(tables, "_signature", counting)
    tables._signature_of_function.cache_clear()
    for _ in range(3):
        tables_utils.signature(Renderer().render_name)
    assert calls == [Renderer.render_name]


def test_a_cell_is_called_with_the_arguments_it_names():
    assert (
        tables_utils.call_with_appropriate(
            Renderer().render_name, {"value": 1, "record": 2, "column": 3}
        )
        == 1
    )
