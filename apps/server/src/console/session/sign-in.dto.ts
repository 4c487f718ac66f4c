import { IsString, MaxLength, MinLength } from 'class-validator';

export class SignInDto {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  clientId!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(500)
  clientSecret!: string;
}
