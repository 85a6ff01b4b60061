"""What every Dash page shares and the board pack does not: the page frame (shell, banners, head
scripts, first-view preloads), URL state and bad-input handling (not scanned as pages: the folder
starts with an underscore)."""
