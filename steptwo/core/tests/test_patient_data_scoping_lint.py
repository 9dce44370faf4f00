"""Architecture rule: views reach patient data only through `<Model>.objects.for_user(user)`.

A view that reads Patient or Referral any other way could show another service's patients, so this
test fails on it. (Like breast screening's scripts/lint_model_usage_in_views.py.)
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]
PATIENT_DATA_MODELS = {
    "Patient", "Referral", "ReferralStatusChange", "PresentingComplaint", "QuestionnaireResponse", "ItemAnswer",
    "CompletionRequest", "Task", "IncomingReferral", "Discharge", "Appointment", "Assessment", "Goal",
    "RiskAssessment", "PlannedIntervention", "SessionNote", "StepUp", "Signposting", "Letter",
}  # fmt: skip


def view_modules():
    return sorted(path for path in PACKAGE.rglob("*.py") if "views" in path.parts or path.name == "views.py")


def unscoped_uses(source):
    """Line numbers where a patient-data model is used other than as Model.objects.for_user(...)."""
    problems = []
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "objects" and _names_model(node.value):
            parent = parents.get(node)
            if not (isinstance(parent, ast.Attribute) and parent.attr == "for_user"):
                problems.append(node.lineno)
        if isinstance(node, ast.Call) and _is_shortcut(node.func) and node.args and _names_model(node.args[0]):
            problems.append(node.lineno)
    return problems


def _names_model(node):
    return isinstance(node, ast.Name) and node.id in PATIENT_DATA_MODELS


def _is_shortcut(func):
    return isinstance(func, ast.Name) and func.id in {"get_object_or_404", "get_list_or_404"}


@pytest.mark.parametrize("path", view_modules(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_view_module_reads_patient_data_only_through_for_user(path):
    assert unscoped_uses(path.read_text()) == [], (
        f"{path}: unscoped patient-data query; use .objects.for_user(request.user)"
    )


def test_lint_catches_unscoped_queries():
    assert unscoped_uses("Patient.objects.get(pk=1)") == [1]
    assert unscoped_uses("x = 1\nget_object_or_404(Referral, pk=1)") == [2]
    assert unscoped_uses("Patient.objects.for_user(user).get(pk=1)") == []
    assert unscoped_uses("get_object_or_404(Patient.objects.for_user(user), pk=1)") == []
