"""The HTTP layer: build the app with ``service.web.app.create_app``.

Nothing is imported here, so ``service.web.schemas`` can be used without Flask.
"""
