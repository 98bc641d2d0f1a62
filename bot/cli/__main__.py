"""`python -m bot.cli`: the same as the `privacybot` script."""

from bot.cli.main import main

main()
