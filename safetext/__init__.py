"""Text made safe for formats with rules of their own: one-line headers and spreadsheet cells.

It imports nothing from the project's apps, so content apps, their shared
machinery and leaf concerns (translation, e-mail rendering, embeds) can all
rely on it.
"""
