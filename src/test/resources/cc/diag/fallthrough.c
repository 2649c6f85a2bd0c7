int f(int x)
{
	int r = 0;
	switch (x) {
	case 1:
		r += 1;
	case 2:
		r += 2;
		__attribute__((__fallthrough__));
	case 3:
		r++;
		break;
	case 4:
	case 5:
		if (x)
			return 1;
	default:
		r--;
	}
	return r;
}
