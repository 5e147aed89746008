from cpchair.cli import main

main()
