/* CRC-32 (the IEEE polynomial, table driven) of a 64 KiB buffer, 24 rounds: table loads, shifts, xors. */
static unsigned int crc_table[256];
static unsigned char crc_data[65536];

long bench_crc(void)
{
	unsigned int crc = 0;
	unsigned int c;
	int n, k, round;

	for (n = 0; n < 256; n++) {
		c = n;
		for (k = 0; k < 8; k++)
			c = (c & 1) ? 0xedb88320 ^ (c >> 1) : c >> 1;
		crc_table[n] = c;
	}
	for (n = 0; n < 65536; n++)
		crc_data[n] = (unsigned char)(n * 31 + (n >> 8));
	for (round = 0; round < 24; round++) {
		crc = 0xffffffff;
		for (n = 0; n < 65536; n++)
			crc = crc_table[(crc ^ crc_data[n]) & 0xff] ^ (crc >> 8);
		crc = crc ^ 0xffffffff;
	}
	return crc;
}
