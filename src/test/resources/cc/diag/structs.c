struct point { int x, y; };
int f(struct point p, struct point *q)
{
	struct point r = { 1, 2, 3 };
	struct point s = { .z = 1 };
	int n = p;
	q = p;
	if (p)
		return 1;
	return q->x + r.x + s.y + n;
}
