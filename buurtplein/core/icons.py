"""SVG icons: 24×24, stroke-based, drawn for Buurtplein. Use ``{% icon "name" %}``.

Pages refer to the symbols of one sprite, ``static/buurtplein/icons.svg`` (cached by the
browser), instead of repeating the drawing on every use. The sprite is written from ``PATHS`` by
``manage.py write_icons``; a test fails when it is out of date.
"""

PATHS = {
    "chart": '<path d="M4 4v16h16"/><path d="M8 16v-4M12 16V8M16 16v-6"/>',
    "home": '<path d="M3 11 12 3l9 8"/><path d="M5 10v10h5v-6h4v6h5V10"/>',
    "square": '<circle cx="12" cy="12" r="9"/><path d="M8 12h8M12 8v8"/>',
    "search": '<circle cx="11" cy="11" r="7"/><path d="m20 20-4-4"/>',
    "user": '<circle cx="12" cy="8" r="4"/><path d="M4 21c1-4 4.5-6 8-6s7 2 8 6"/>',
    "users": '<circle cx="9" cy="8" r="3.5"/><path d="M2.5 20c.8-3.6 3.5-5.5 6.5-5.5s5.7 1.9 6.5 '
    '5.5"/><path d="M16 4.5a3.5 3.5 0 0 1 0 7M18 14.6c1.9.7 3.2 2.5 3.6 5.4"/>',
    "comment": '<path d="M4 5h16v11H9l-5 4z"/>',
    "heart": '<path d="M12 20s-7-4.4-8.6-9A4.6 4.6 0 0 1 12 6.3 4.6 4.6 0 0 1 20.6 11C19 15.6 12 '
    '20 12 20z"/>',
    "thumb": '<path d="M7 10v10H4V10zM7 10l4-7c1.7 0 2.6 1.2 2.3 2.8L12.8 9H19a2 2 0 0 1 2 2.3l'
    '-1.3 7A2 2 0 0 1 17.7 20H7"/>',
    "bookmark": '<path d="M6 3h12v18l-6-4-6 4z"/>',
    "pin": '<path d="M9 3h6l-1 6 4 3v2H6v-2l4-3zM12 14v7"/>',
    "flag": '<path d="M5 21V4M5 4h11l-2 4 2 4H5"/>',
    "edit": '<path d="M4 20h4L19 9l-4-4L4 16z"/><path d="m13 7 4 4"/>',
    "trash": '<path d="M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13"/>',
    "share": '<circle cx="18" cy="5" r="2.5"/><circle cx="6" cy="12" r="2.5"/><circle cx="18" '
    'cy="19" r="2.5"/><path d="m8.2 10.8 7.6-4.5M8.2 13.2l7.6 4.5"/>',
    "mail": '<rect x="3" y="5" width="18" height="14" rx="2"/><path d="m3 7 9 6 9-6"/>',
    "whatsapp": '<path d="M4 20l1.3-4A8 8 0 1 1 8 18.8z"/><path d="M9 9c0 3 2.5 6 6 6l1-1.5-2-1'
    '-1 1c-1 0-2.5-1.5-2.5-2.5l1-1-1-2z"/>',
    "photo": '<rect x="3" y="5" width="18" height="14" rx="2"/><circle cx="9" cy="10" r="2"/>'
    '<path d="m21 16-5-5-9 8"/>',
    "globe": '<circle cx="12" cy="12" r="9"/><path d="M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 '
    '6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3z"/>',
    "bell": '<path d="M6 16V11a6 6 0 0 1 12 0v5l2 2H4zM10 21h4"/>',
    "info": '<circle cx="12" cy="12" r="9"/><path d="M12 11v6M12 7.5v.5"/>',
    "check": '<path d="m5 12 5 5 9-10"/>',
    "key": '<circle cx="8" cy="15" r="4"/><path d="m11 12 9-9M17 6l3 3M15 8l2 2"/>',
    "menu": '<path d="M4 6h16M4 12h16M4 18h16"/>',
    "logout": '<path d="M10 5H5v14h5M15 8l4 4-4 4M19 12H9"/>',
    "shield": '<path d="M12 3 4 6v6c0 4.5 3.4 8 8 9 4.6-1 8-4.5 8-9V6z"/>',
    "news": '<rect x="3" y="4" width="18" height="16" rx="2"/><path d="M7 8h10M7 12h10M7 16h6"/>',
    "question": '<circle cx="12" cy="12" r="9"/><path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 '
    '.9-1 1.7M12 17v.5"/>',
    "tip": '<path d="M9 18h6M10 21h4M12 3a6 6 0 0 0-3.5 10.9c.6.5 1 1.3 1 2.1h5c0-.8.4-1.6 1-2.1'
    'A6 6 0 0 0 12 3z"/>',
    "lost": '<circle cx="11" cy="11" r="7"/><path d="m20 20-4-4M11 8v3M11 14v.5"/>',
    "notice": '<path d="M4 10v4h3l6 4V6L7 10zM17 9a4 4 0 0 1 0 6"/>',
    "more": '<circle cx="5" cy="12" r="1.5"/><circle cx="12" cy="12" r="1.5"/><circle cx="19" '
    'cy="12" r="1.5"/>',
    "map-pin": '<path d="M12 21s-7-6.2-7-12a7 7 0 0 1 14 0c0 5.8-7 12-7 12z"/><circle cx="12" '
    'cy="9" r="2.5"/>',
    "lock": '<rect x="5" y="11" width="14" height="10" rx="2"/><path d="M8 11V7a4 4 0 0 1 8 0v4"/>',
    "plus": '<path d="M12 5v14M5 12h14"/>',
    "laugh": '<circle cx="12" cy="12" r="9"/><path d="M8 14c1 2 2.4 3 4 3s3-1 4-3zM9 9.5v.5M15 '
    '9.5v.5"/>',
    "exchange": '<path d="M4 8h13l-3-3M20 16H7l3 3"/>',
    "help": '<path d="M3 12c2-3 4.5-4 7-3l3 1.5M21 12c-2-3-4.5-4-7-3"/>'
    '<path d="M6 14l4 4c.8.8 2 .8 2.8 0l5.2-5.2"/><path d="M9 13l2 2M11 11l2 2"/>',
    "chat": '<path d="M4 5h12v9H8l-4 3z"/><path d="M16 9h4v9l-3-2.5h-6V14"/>',
    "thanks": '<path d="M12 21c-4-2.5-8-6-8-10a4 4 0 0 1 8-1 4 4 0 0 1 8 1c0 4-4 7.5-8 10z"/>'
    '<path d="m9 12 2 2 4-4"/>',
    "calendar": '<rect x="3.5" y="5" width="17" height="15.5" rx="2"/>'
    '<path d="M3.5 10h17M8 3v4M16 3v4"/>'
    '<path d="M7.5 14h2M11 14h2M14.5 14h2M7.5 17h2M11 17h2"/>',
    "clock": '<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3.5 2"/>',
    "club": '<path d="M5 21V4"/><path d="M5 4h11l-2.5 4L16 12H5"/><path d="M3 21h6"/>',
    "book": '<path d="M4 5.5C6.5 4 9.5 4 12 6c2.5-2 5.5-2 8-.5V19c-2.5-1.5-5.5-1.5-8 .5'
    '-2.5-2-5.5-2-8-.5z"/>'
    '<path d="M12 6v13.5"/>',
    "hand": '<path d="M7 12V6.5a1.5 1.5 0 0 1 3 0V11M10 10.5V4.5a1.5 1.5 0 0 1 3 0v6"/>'
    '<path d="M13 10.5V5.5a1.5 1.5 0 0 1 3 0V12M16 9.5a1.5 1.5 0 0 1 3 0V14c0 4-3 7-7 7h-.5'
    'A6.5 6.5 0 0 1 6 18l-2.7-4.3a1.5 1.5 0 0 1 2.5-1.6L7 14"/>',
    "wheelchair": '<circle cx="11" cy="4.5" r="1.8"/><path d="M11 7.5v6h5l2 5"/>'
    '<path d="M11 10.5h5"/><path d="M8 11.2A5 5 0 1 0 14.6 18"/>',
    "ear": '<path d="M7 9a5 5 0 0 1 10 0c0 3-3 4-3 7a3 3 0 0 1-5.5 1.6"/>'
    '<path d="M10 9.5a2 2 0 0 1 4 0"/>',
    "download": '<path d="M12 4v11M7 10.5l5 5 5-5"/><path d="M5 19.5h14"/>',
    "print": '<path d="M7 9V3.5h10V9"/><rect x="3.5" y="9" width="17" height="8" rx="1.5"/>'
    '<path d="M7 14h10v6.5H7z"/>',
    "copy": '<rect x="8" y="8" width="12" height="12" rx="1.5"/>'
    '<path d="M16 8V5.5A1.5 1.5 0 0 0 14.5 4h-9A1.5 1.5 0 0 0 4 5.5v9A1.5 1.5 0 0 0 5.5 16H8"/>',
    "history": '<path d="M3.5 12a8.5 8.5 0 1 0 2.5-6"/><path d="M3 4v4h4"/>'
    '<path d="M12 7.5V12l3 2"/>',
}


SPRITE = "buurtplein/icons.svg"


def svg(name: str, size: int = 24, label: str = "", href: str = "") -> str:
    """An icon that uses the sprite's symbol ``name``; ``href`` is the sprite's URL."""
    if name not in PATHS:
        raise KeyError(f"No icon {name!r}")
    aria = f'role="img" aria-label="{label}"' if label else 'aria-hidden="true" focusable="false"'
    return (
        f'<svg class="icon" width="{size}" height="{size}" viewBox="0 0 24 24" {aria}>'
        f'<use href="{href}#{name}"></use></svg>'
    )


def sprite() -> str:
    """The sprite file: one ``<symbol>`` per icon, drawn with the shared stroke style."""
    symbols = "\n".join(
        f'  <symbol id="{name}" viewBox="0 0 24 24" fill="none" stroke="currentColor" '
        f'stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">{body}</symbol>'
        for name, body in sorted(PATHS.items())
    )
    return f'<svg xmlns="http://www.w3.org/2000/svg">\n{symbols}\n</svg>\n'
