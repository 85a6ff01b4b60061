"""Presentation shared by the pages and the board pack: component ids, the theme, number and date
formatting, the sentences that summarise a measure, figure builders and page blocks, and the board pack.

It sits outside the Dash pages folder so the board pack can use it without importing a page, and
below the pages and callbacks: it imports only ``data_access`` and ``config``, never a page.
"""
