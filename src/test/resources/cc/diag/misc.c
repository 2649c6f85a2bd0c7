int f(int a)
{
	int arr[3];
	const int c = 1;
	c = 2;
	arr = 0;
	5 = a;
	a / 0;
	if (a = 1)
		return 1;
	return arr[1.0];
}
