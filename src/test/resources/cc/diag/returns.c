void r(void) { return 1; }
int s(void) { return; }
int t(int x) { if (x) return 1; }
int u(int x) { while (1) { if (x) return 2; } }
int v(int x) { switch (x) { case 1: return 1; default: return 0; } }
