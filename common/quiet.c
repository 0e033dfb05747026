#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "quiet.h"

void
quiet_begin(struct quiet *q)
{
	fflush(stderr);
	q->saved = dup(STDERR_FILENO);
	q->null = open("/dev/null", O_WRONLY);
	if (q->saved >= 0 && q->null >= 0)
		dup2(q->null, STDERR_FILENO);
}

void
quiet_end(struct quiet *q)
{
	fflush(stderr);
	if (q->saved >= 0 && q->null >= 0)
		dup2(q->saved, STDERR_FILENO);
	if (q->saved >= 0)
		close(q->saved);
	if (q->null >= 0)
		close(q->null);
}
