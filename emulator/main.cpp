#include <cstdio>
int main() { std::puts("sfsync-emulator: not yet"); return 0; }
