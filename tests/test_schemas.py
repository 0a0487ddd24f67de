from schemas.generate import MODELS, OUT_DIR, render


def test_committed_json_schemas_are_current():
    for name, model in MODELS.items():
        path = OUT_DIR / f"{name}.schema.json"
        assert path.exists(), f"run make schemas: {path.name} missing"
        assert path.read_text(encoding="utf-8") == render(model), f"run make schemas: {path.name} stale"


def test_models_forbid_unknown_keys():
    import pytest
    from pydantic import ValidationError

    from schemas import ProvenanceItem

    with pytest.raises(ValidationError):
        ProvenanceItem(file="a.pdf", page=3)


def test_every_document_names_its_schema_and_version():
    for model in MODELS.values():
        fields = model.model_fields
        assert "schema_name" in fields and "version" in fields
