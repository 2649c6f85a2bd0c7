/* signal.h: dispositions and signals to oneself */
#include <stdio.h>
#include <signal.h>
#include <unistd.h>
#include <errno.h>

static volatile int got;

static void on_usr1(int sig)
{
	got = sig;
	printf("handler got %d\n", sig);
}

int main(void)
{
	int r;

	printf("SIGINT %d SIGKILL %d SIGSEGV %d SIGTERM %d SIGUSR1 %d SIGCHLD %d\n", SIGINT, SIGKILL, SIGSEGV,
	       SIGTERM, SIGUSR1, SIGCHLD);
	r = signal(SIGUSR1, SIG_IGN) == SIG_DFL;
	printf("signal(SIGUSR1, SIG_IGN) returned SIG_DFL %d\n", r);
	printf("raise(SIGUSR1) ignored %d\n", raise(SIGUSR1));
	r = signal(SIGUSR1, SIG_DFL) == SIG_IGN;
	printf("signal(SIGUSR1, SIG_DFL) returned SIG_IGN %d\n", r);
	r = signal(SIGKILL, SIG_IGN) == SIG_ERR;
	printf("signal(SIGKILL) %d errno %d\n", r, errno);
	printf("kill(getpid(), 0) %d\n", kill(getpid(), 0));
	printf("raise(SIGCHLD) default ignore %d\n", raise(SIGCHLD));
	signal(SIGUSR1, on_usr1);
	r = raise(SIGUSR1);
	printf("after raise: %d, got %d\n", r, got);
	r = kill(getpid(), SIGUSR1);
	printf("after kill: %d, got %d\n", r, got);
	fflush(stdout);
	raise(SIGTERM);
	printf("not reached\n");
	return 0;
}
