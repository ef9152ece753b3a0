"""Small helpers any app may use: they import nothing from the project's apps.

So content apps, shared machinery and leaf concerns (translation, newsletter
rendering, embeds) can all rely on them without an import cycle.
"""
