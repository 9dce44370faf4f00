"""Turn Django bound fields into parameters for the NHS.UK design-system macros.

Templates call `nhsuk_field(form["name"])` (through the `field` macro in components/form.jinja),
so no page hand-writes form HTML.
"""

from django import forms

from steptwo.core.forms.date_field import DateInputWidget, parts_for_display

_INPUT_TYPES = {forms.EmailInput: "email", forms.NumberInput: "number", forms.PasswordInput: "password"}


def nhsuk_field(bound_field, **overrides):
    widget = bound_field.field.widget
    params = _common_params(bound_field)
    if isinstance(widget, DateInputWidget):
        component, params = "date_input", _date_params(bound_field, params)
    elif isinstance(widget, forms.CheckboxSelectMultiple):  # a subclass of RadioSelect: test it first
        component, params = "checkboxes", _choice_params(bound_field, params, "checked")
    elif isinstance(widget, forms.RadioSelect):
        component, params = "radios", _choice_params(bound_field, params, "checked")
    elif isinstance(widget, forms.Select):
        component, params = "select", _select_params(bound_field, params)
    elif isinstance(widget, forms.CheckboxInput):
        component, params = "checkboxes", _checkbox_params(bound_field, params)
    elif isinstance(widget, forms.Textarea):
        component, params = "textarea", _input_params(bound_field, params)
    else:
        component, params = "input", _input_params(bound_field, params)
    params.update(overrides)
    return {"component": component, "params": params}


def _common_params(bound_field):
    params = {"id": bound_field.auto_id, "name": bound_field.html_name}
    if bound_field.help_text:
        params["hint"] = {"text": str(bound_field.help_text)}
    if bound_field.errors:
        params["errorMessage"] = {"text": " ".join(bound_field.errors)}
    params["attributes"] = {k: v for k, v in bound_field.field.widget.attrs.items() if k not in {"class", "width"}}
    width = bound_field.field.widget.attrs.get("width")
    if width:
        params["classes"] = f"nhsuk-input--width-{width}"
    return params


def _label(bound_field):
    return str(bound_field.label) + ("" if bound_field.field.required else " (optional)")


def _input_params(bound_field, params):
    value = bound_field.value()
    params["label"] = {"text": _label(bound_field)}
    params["value"] = "" if value is None else str(value)
    params["type"] = _INPUT_TYPES.get(type(bound_field.field.widget), "text")
    if params["type"] == "password":
        params["value"] = ""
    return params


def _legend(bound_field):
    return {"legend": {"text": _label(bound_field)}}


def _date_params(bound_field, params):
    parts = parts_for_display(bound_field.value())
    widths = {"day": 2, "month": 2, "year": 4}
    error_class = " nhsuk-input--error" if bound_field.errors else ""
    name = params.pop("name")  # the macro would name the boxes name[day]; DateInputWidget reads name-day
    params["fieldset"] = _legend(bound_field)
    params["items"] = [
        {
            "id": f"{params['id']}-{part}",
            "name": f"{name}-{part}",
            "label": part.capitalize(),
            "value": parts[part],
            "classes": f"nhsuk-input--width-{widths[part]}{error_class}",
        }
        for part in ("day", "month", "year")
    ]
    return params


def _choices(bound_field):
    value = bound_field.value()
    selected = {str(v) for v in value} if isinstance(value, (list, tuple)) else {"" if value is None else str(value)}
    return [(str(v), str(label), str(v) in selected) for v, label in bound_field.field.choices]


def _choice_params(bound_field, params, selected_key):
    params["idPrefix"] = params.pop("id")
    params["fieldset"] = _legend(bound_field)
    params["items"] = [
        {"value": value, "text": label, selected_key: is_selected}
        for value, label, is_selected in _choices(bound_field)
        if value != ""
    ]
    return params


def _select_params(bound_field, params):
    params["label"] = {"text": _label(bound_field)}
    params["items"] = [
        {"value": value, "text": label or "Select an option", "selected": is_selected}
        for value, label, is_selected in _choices(bound_field)
    ]
    return params


def _checkbox_params(bound_field, params):
    params["idPrefix"] = params.pop("id")
    params.pop("hint", None)
    hint = bound_field.help_text
    params["items"] = [
        {
            "value": "on",
            "text": str(bound_field.label),
            "checked": bool(bound_field.value()),
            "hint": {"text": str(hint)} if hint else None,
        }
    ]
    return params


def error_summary_items(form):
    """Links for the NHS.UK error summary, each pointing at the first input of its field."""
    items = [{"text": str(error)} for error in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name == "__all__":
            continue
        bound_field = form[name]
        target = bound_field.auto_id
        if isinstance(bound_field.field.widget, DateInputWidget):
            target = f"{target}-{_first_date_part_in_error(bound_field)}"
        for error in errors:
            items.append({"text": str(error), "href": f"#{target}"})
    return items


def _first_date_part_in_error(bound_field):
    parts = parts_for_display(bound_field.value())
    return next((part for part in ("day", "month", "year") if not parts[part]), "day")
