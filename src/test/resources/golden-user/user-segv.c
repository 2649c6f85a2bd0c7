#include <stdio.h>

int main(void)
{
	int *p = NULL;

	printf("about to read through NULL\n");
	fflush(stdout);
	return *p;
}
