from legation.cli import main

main()
