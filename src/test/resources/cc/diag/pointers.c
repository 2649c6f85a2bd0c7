struct s { int a; };
void take(int *p);
void takec(char *p);
int *f(const char *s, long l)
{
	int *p = 5;
	char *c = p;
	int i = p;
	take(c);
	take(3);
	takec(s);
	p = l;
	c = s;
	return s;
}
