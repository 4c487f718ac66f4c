import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { Readiness } from './readiness';

@Module({ providers: [Readiness], controllers: [HealthController] })
export class HealthModule {}
