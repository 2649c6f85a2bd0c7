int f(int n)
{
	n++;
	int m = n;
	return m;
}
