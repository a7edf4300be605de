from django.utils.functional import SimpleLazyObject


def roles(request):
    user = getattr(request, "user", None)

    def is_municipal() -> bool:
        return bool(user is not None and user.is_authenticated and user.is_municipal)

    return {"user_is_municipal": SimpleLazyObject(is_municipal)}
