from . import access


def akses(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"akses_user": access.akses_list(user)}
