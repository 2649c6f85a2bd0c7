struct s { int a; };
struct t;
int f(struct s *p, struct t *q, int i)
{
	int r = p->b;
	r += q->a;
	r += i.a;
	r += p.a;
	return r + *i;
}
