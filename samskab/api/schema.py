"""Additions to the generated OpenAPI description: every operation may answer with a
problem details object (RFC 9457), and says so for the statuses it can give."""

PROBLEM = {
    "type": "object",
    "description": "RFC 9457 problem details.",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "description": "For refused input: one entry per problem.",
            "items": {
                "type": "object",
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
                "required": ["field", "message"],
            },
        },
    },
    "required": ["type", "title", "status", "detail"],
}
STATUS_TEXT = {
    "400": "Input that cannot be used (see errors).",
    "401": "No valid access token.",
    "403": "The token lacks the scope this needs.",
    "404": "Not found.",
    "405": "Method not allowed.",
    "406": "Only JSON is offered.",
    "409": "Contradicts the row's state.",
    "415": "Send JSON.",
    "429": "Too many requests; see Retry-After.",
    "500": "Something went wrong on our side.",
}


def add_problem_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM
    reference = {"$ref": "#/components/schemas/Problem"}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            writes = method in ("put", "post", "patch", "delete")
            own = path.startswith("/api/v1/sources/")
            statuses = ["400", "404", "405", "406", "429", "500"]
            if writes:
                statuses += ["415"]
            if own:
                statuses += ["401", "403"]
            if own and method == "put":
                statuses += ["409"]
            responses = operation.setdefault("responses", {})
            for code in statuses:
                responses.setdefault(
                    code,
                    {
                        "description": STATUS_TEXT[code],
                        "content": {"application/problem+json": {"schema": reference}},
                    },
                )
    return result
