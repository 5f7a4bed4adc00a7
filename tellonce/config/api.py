"""The versioned JSON API, mounted at /api/v1/ with its OpenAPI document at /api/v1/openapi.json.

Authentication: the browser session (with CSRF on writes) or a bearer token
(`tellonce create-api-token USERNAME`). Every endpoint applies the same object scopes as the pages."""

from django.core.exceptions import PermissionDenied
from ninja import NinjaAPI
from ninja.security import APIKeyCookie, HttpBearer

from tellonce.accounts.models import ApiToken
from tellonce.accounts.two_factor import has_finished_signing_in
from tellonce.appeals.api import router as appeals_router
from tellonce.assessments.api import router as assessments_router
from tellonce.early_years.api import router as early_years_router
from tellonce.improvement.api import router as improvement_router
from tellonce.inclusion.api import router as inclusion_router
from tellonce.interchange.api import router as plans_router
from tellonce.organisations.api import router as organisations_router
from tellonce.people.api import router as children_router
from tellonce.sen_support.api import router as sen_support_router


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        user = ApiToken.authenticate(token)
        if user is not None:
            request.user = user
        return user


class SessionCookie(APIKeyCookie):
    """The signed-in browser session; writes need the CSRF token, as on the pages. A session that
    still owes its second factor is not signed in here either."""

    param_name = "sessionid"

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not has_finished_signing_in(request):
            return None
        return user


VALIDATION_ERRORS = {
    "type": "object",
    "properties": {
        "detail": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "type": {"type": "string"},
                    "loc": {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
                    "msg": {"type": "string"},
                },
                "required": ["loc", "msg"],
            },
        }
    },
    "required": ["detail"],
}


class TellonceAPI(NinjaAPI):
    """Every operation that reads parameters or a body answers 422 with the problems when they are
    not valid (django-ninja's validation), and 400 when the body cannot be read as JSON at all; the
    OpenAPI document says so for each of them, so a client generated from it expects the answer."""

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        schemas["ValidationErrors"] = VALIDATION_ERRORS
        schemas["Problem"] = {
            "type": "object",
            "properties": {"detail": {"type": "string"}},
            "required": ["detail"],
        }
        for path in schema["paths"].values():
            for operation in path.values():
                if operation.get("requestBody"):
                    operation["responses"].setdefault(
                        "400",
                        {
                            "description": "The body is not JSON that can be read",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}
                            },
                        },
                    )
                if operation.get("parameters") or operation.get("requestBody"):
                    operation["responses"].setdefault(
                        "422",
                        {
                            "description": "The parameters or the body are not valid: each problem and where",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/ValidationErrors"}
                                }
                            },
                        },
                    )
        return schema


api = TellonceAPI(
    title="Tellonce API",
    version="1",
    description="Children and young people with SEND, their records and the organisations around them.",
    auth=[BearerToken(), SessionCookie()],
    urls_namespace="api-v1",
)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    """The caller's role may not use this endpoint (the permission policy, accounts/policy.py)."""
    return api.create_response(
        request, {"detail": "You do not have permission to use this endpoint"}, status=403
    )


api.add_router("/children", children_router)
api.add_router("/organisations", organisations_router)
api.add_router("/assessments", assessments_router)
api.add_router("/plans", plans_router)
api.add_router("/appeals", appeals_router)
api.add_router("/improvement-plans", improvement_router)
api.add_router("/notifications-from-health", early_years_router)
api.add_router("/sen-support", sen_support_router)
api.add_router("/inclusion", inclusion_router)
