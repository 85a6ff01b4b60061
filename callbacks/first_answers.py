"""A page's first callback answers, given on the server as the page is built, so its charts come with it.

When a page arrives in the browser, Dash calls every callback whose inputs are on it. Each call is a
request, and each answer is handled by the renderer one after another on the browser's one thread,
before Plotly can draw: on an outcome page that was eight requests and about half a second between
the page showing and its first chart. For the callbacks registered here (``page_callback``) the
server makes that first call itself, with the values the page's layout holds, and puts the answers
(outputs, and any ``set_props`` moves) into the layout it sends; the browser does not call them
when the page arrives. Later changes reach them as requests, as before.

The page modules' layout functions stay cheap and pure (no data reads); ``answering`` wraps each
registered page's layout function (``app.py``), so the first view and Dash's router both send
answered pages. A callback that fails here is logged and its outputs keep their placeholders.

Dash has no public way to make a callback's call on the server, so this uses the pieces its own
dispatch uses (``dash._callback_context``, ``dash._grouping``, ``dash._validate``): how the callback's
arguments are grouped, the call's context (for ``ctx`` and ``set_props``) and how its answer is
flattened. ``requirements.txt`` pins Dash, and the tests call real page callbacks through them.
"""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import wraps
from typing import Any

import dash
from dash._callback_context import context_value
from dash._grouping import flatten_grouping
from dash._utils import AttributeDict, stringify_id
from dash._validate import validate_and_group_input_args
from dash.dependencies import handle_grouped_callback_args
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageCallback:
    """A callback the server answers first: its function, its outputs and its inputs and states."""

    function: Callable[..., Any]
    outputs: Any  # one Output, or a list or dict of them (the grouping the function returns)
    dependencies: list[Any]  # the Inputs, then the States, flat
    argument_indices: Any  # how the flat values map onto the function's arguments (Dash's grouping)


_REGISTERED: list[PageCallback] = []


def page_callback(*args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``dash.callback`` for a callback whose first answer comes with its page (it is not called on arrival)."""
    outputs, inputs, states, indices, _ = handle_grouped_callback_args(list(args), dict(kwargs))

    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        dash.callback(*args, **{**kwargs, "prevent_initial_call": True})(function)
        _REGISTERED.append(PageCallback(function, outputs, [*inputs, *states], indices))
        return function

    return register


def answering(layout: Any) -> Any:
    """A page layout function that also answers the page's first callbacks (a layout that is not a function stays)."""
    if not callable(layout):
        return layout

    @wraps(layout)
    def answered(**arguments: Any) -> Any:
        built = layout(**arguments)
        from flask import has_request_context

        if has_request_context():  # Dash's start-up check of page layouts reads no data
            answer(built)
        return built

    return answered


def answer_pages(registry: Mapping[str, dict[str, Any]]) -> None:
    """Wrap every registered page's layout function with ``answering`` (once)."""
    for page in registry.values():
        if not getattr(page.get("layout"), "answers_first", False):
            page["layout"] = answering(page.get("layout"))
            if callable(page["layout"]):
                page["layout"].answers_first = True


def answer(layout: Any, callbacks: Iterable[PageCallback] | None = None) -> list[str]:
    """Answer, in ``layout`` itself, every registered callback whose inputs and states are all in it.

    Callbacks run in the order they were registered, each seeing the answers before it. Returns the
    names of the callbacks answered (for logs and tests).
    """
    components = _by_id(layout)
    answered = []
    for spec in _REGISTERED if callbacks is None else callbacks:
        keys = [(stringify_id(d.component_id), d.component_property) for d in spec.dependencies]
        if not all(key in components for key, _ in keys):
            continue
        values = [getattr(components[key], prop, None) for key, prop in keys]
        try:
            result, moves = _call(spec, values)
        except PreventUpdate:
            continue
        except Exception:  # the page still arrives; this callback's outputs keep their placeholders
            log.exception("could not answer %s with its page", spec.function.__name__)
            continue
        for output, value in zip(flatten_grouping(spec.outputs), flatten_grouping(result, spec.outputs), strict=True):
            _apply(components, stringify_id(output.component_id), output.component_property, value)
        for key, props in moves.items():
            for prop, value in props.items():
                _apply(components, key, prop, value)
        answered.append(spec.function.__name__)
    return answered


def _call(spec: PageCallback, values: list[Any]) -> tuple[Any, dict[str, dict[str, Any]]]:
    """Call the function as Dash would on the page's arrival (nothing triggered), keeping its ``set_props`` moves."""
    arguments, keywords = validate_and_group_input_args(values, spec.argument_indices)
    context = AttributeDict(inputs_list=[], states_list=[], outputs_list=[], input_values={}, state_values={},
                            triggered_inputs=[], updated_props={})

    def run() -> Any:
        context_value.set(context)
        return spec.function(*arguments, **keywords)

    result = contextvars.copy_context().run(run)
    return result, dict(context.updated_props)


def _apply(components: dict[str, Component], key: str, prop: str, value: Any) -> None:
    """Set one answered property, unless it is "no update" or a patch (there is nothing yet to patch)."""
    if key not in components or value is dash.no_update or isinstance(value, dash.Patch):
        return
    setattr(components[key], prop, value)


def _by_id(layout: Any) -> dict[str, Component]:
    """Every component in ``layout`` that has an id, by its id as Dash writes it."""
    roots = layout if isinstance(layout, (list, tuple)) else [layout]
    found: dict[str, Component] = {}
    for root in roots:
        if not isinstance(root, Component):
            continue
        for component in (root, *root._traverse()):
            identifier = getattr(component, "id", None)
            if identifier is not None:
                found[stringify_id(identifier)] = component
    return found

