"""Every error on every route is one application/problem+json document."""

import pytest


@pytest.mark.parametrize("method, path, kwargs", [
    ("GET", "/sparql", {"params": {"query": "SELEC"}}),
    ("GET", "/entity/person/nobody", {}),
    ("GET", "/entity/person/zhu-yuanzhang", {"headers": {"accept": "image/png"}}),
    ("PUT", "/graphs/kb", {"content": b"<a:a> <a:b> <a:c> ."}),
    ("DELETE", "/graphs?graph=https://kg.jllib.cn/graphs/none", {}),
    ("GET", "/graphs?graph=https://kg.jllib.cn/graphs/none", {}),
    ("POST", "/sparql", {"content": b"x", "headers": {"content-type": "text/plain"}}),
])
def test_error_shape_problem_json(api, method, path, kwargs):
    r = api.client.request(method, path, **kwargs)
    assert r.status_code >= 400
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert set(body) >= {"type", "title", "status", "detail"}
    assert body["status"] == r.status_code


def test_openapi_operation_ids_are_unique(api):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        paths = api.client.get("/openapi.json").json()["paths"]
    ids = [op["operationId"] for ops in paths.values() for op in ops.values()
           if isinstance(op, dict) and "operationId" in op]
    assert len(ids) == len(set(ids)) > 40


def test_openapi_every_api_answer_has_an_example(api):
    """Every success answer of /api/v1, /feed and /reconcile's JSON is documented with an
    example an app developer can read."""
    paths = api.client.get("/openapi.json").json()["paths"]
    missing = []
    for path, operations in paths.items():
        if not path.startswith(("/api/v1", "/feed")):
            continue
        for method, operation in operations.items():
            answers = [answer for code, answer in operation.get("responses", {}).items()
                       if code.startswith("2")]
            if not any("example" in media or "examples" in media
                       or "example" in media.get("schema", {})
                       for answer in answers for media in answer.get("content", {}).values()):
                missing.append(f"{method.upper()} {path}")
    assert missing == []
