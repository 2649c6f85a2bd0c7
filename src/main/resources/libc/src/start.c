/*
 * The program's entry (crt1.o's _start and __libc_start_main in one): the loader calls _start
 * with argc, argv and envp as the ELF ABI puts them on the initial stack; main's return value
 * goes to exit(), which flushes stdio and ends the process with exit_group(2).
 */
#include <stdlib.h>
#include <errno.h>
#include "internal.h"

char **environ;
char *program_invocation_name;
char *program_invocation_short_name;
int errno;

int main(int argc, char **argv, char **envp);

void _start(long argc, char **argv, char **envp)
{
    char *p;
    environ = envp;
    program_invocation_name = argv[0];
    program_invocation_short_name = argv[0];
    for (p = argv[0]; *p; p++)
        if (*p == '/')
            program_invocation_short_name = p + 1;
    exit(main((int)argc, argv, envp));
}
